"""Short news paragraphs in other languages, and English ones that are easy to mistake.

Written for these tests (news-agency style, two or three sentences each); the language
detector must skip every foreign one and none of the English ones.
"""

from __future__ import annotations

FOREIGN: dict[str, str] = {
    "de": "Der Kreml hat am Montag erklärt, dass Russland nicht mit der Ukraine verhandeln "
    "wird, solange die Angriffe andauern. Außenminister Lawrow sagte, die Vorschläge aus "
    "Washington seien für Moskau nicht annehmbar.",
    "fr": "Le président ukrainien a déclaré lundi que son pays était prêt à reprendre les "
    "négociations avec la Russie. Selon le ministère des Affaires étrangères, les "
    "discussions pourraient avoir lieu à Genève dans les prochaines semaines.",
    "es": "El gobierno de Colombia anunció el martes un alto el fuego con los grupos armados "
    "del sur del país. El presidente dijo que las conversaciones de paz se reanudarán en "
    "La Habana a finales de mes.",
    "pt": "O governo brasileiro afirmou nesta quarta-feira que não vai enviar armas para a "
    "Ucrânia. Segundo o ministro, o país defende uma solução negociada para o conflito e "
    "quer mediar as conversas.",
    "it": "Il ministro degli Esteri ha detto che l'Italia è pronta a sostenere un cessate il "
    "fuoco a Gaza. Secondo fonti diplomatiche, i colloqui al Cairo sono stati sospesi "
    "dopo l'ultimo attacco.",
    "nl": "De Nederlandse regering heeft dinsdag besloten om extra wapens naar Oekraïne te "
    "sturen. Volgens de minister van Defensie is het pakket nodig om de luchtverdediging "
    "van het land te versterken.",
    "tr": "Dışişleri Bakanı, Türkiye'nin Rusya ile Ukrayna arasında arabuluculuk yapmaya "
    "hazır olduğunu söyledi. Bakan, görüşmelerin İstanbul'da yapılabileceğini ve her iki "
    "tarafın da bu öneriyi değerlendirdiğini ifade etti.",
    "pl": "Minister spraw zagranicznych powiedział, że Polska nie wyśle wojsk na Ukrainę. "
    "Według rządu w Warszawie rozmowy pokojowe powinny odbyć się jak najszybciej, ale "
    "bez udziału Rosji nie ma to sensu.",
    "id": "Pemerintah Indonesia menyatakan bahwa mereka siap menjadi penengah dalam "
    "konflik tersebut. Menteri Luar Negeri mengatakan pembicaraan akan diadakan di Jakarta "
    "pada bulan depan dengan kedua pihak.",
    "sv": "Regeringen i Stockholm meddelade på tisdagen att Sverige kommer att skicka mer "
    "stöd till Ukraina. Enligt försvarsministern är det viktigt att stödet kommer fram "
    "innan vintern, och det har inte beslutats om mer.",
    "ro": "Ministrul de externe a declarat că România este pregătită să sprijine "
    "negocierile de pace. Potrivit guvernului de la București, discuțiile ar putea avea "
    "loc în luna următoare, dar nu există încă o dată.",
    "cs": "Ministr zahraničí uvedl, že Česká republika je připravena podpořit mírová "
    "jednání. Podle vlády v Praze by se rozhovory mohly konat už příští měsíc, ale "
    "jeho kolegové to zatím nepotvrdili.",
    "vi": "Bộ Ngoại giao Việt Nam cho biết Hà Nội sẵn sàng tham gia các cuộc đàm phán về "
    "Biển Đông. Người phát ngôn nói rằng các bên cần giải quyết tranh chấp bằng biện pháp "
    "hòa bình và tôn trọng luật pháp quốc tế.",
    "hu": "A külügyminiszter azt mondta, hogy Magyarország nem küld fegyvert Ukrajnába. A "
    "kormány szerint a tárgyalásoknak minél hamarabb el kell kezdődniük, és ez az egyetlen "
    "út a béke felé.",
    "ru": "Министр иностранных дел России заявил, что Москва готова к переговорам с "
    "Киевом. По его словам, условия остаются прежними, и Россия продолжит специальную "
    "военную операцию.",
    "uk": "Міністр закордонних справ України заявив, що Київ готовий до переговорів лише "
    "після виведення російських військ. За його словами, територіальна цілісність "
    "країни не є предметом торгу.",
    "ar": "أعلنت وزارة الخارجية أن الحكومة مستعدة لاستئناف المفاوضات مع الجانب الآخر. "
    "وقال المتحدث باسم الوزارة إن وقف إطلاق النار يجب أن يكون شاملا ودائما.",
    "fa": "وزیر امور خارجه ایران گفت که تهران آماده گفتگو با کشورهای اروپایی است. او "
    "افزود که ایران به تعهدات خود پایبند خواهد ماند.",
    "he": "משרד החוץ הודיע כי ישראל מוכנה לחדש את המשא ומתן על שחרור החטופים. לדברי "
    "הדובר, המגעים יתקיימו בקהיר בשבוע הבא.",
    "zh": "外交部发言人表示，中方愿意在乌克兰问题上发挥建设性作用。他说，各方应通过对话和谈判"
    "解决分歧，尽快实现停火。",
    "ja": "外務省の報道官は、日本は停戦に向けた話し合いを支持すると述べた。政府は近く代表団を"
    "派遣する予定だという。",
    "ko": "외교부 대변인은 한국 정부가 대화를 통한 평화적 해결을 지지한다고 밝혔다. 정부는 "
    "다음 주에 대표단을 파견할 예정이다.",
    "hi": "विदेश मंत्रालय के प्रवक्ता ने कहा कि भारत बातचीत के ज़रिए विवाद सुलझाने के लिए तैयार "
    "है। उन्होंने कहा कि दोनों पक्षों को संयम बरतना चाहिए।",
    "el": "Ο υπουργός Εξωτερικών δήλωσε ότι η Ελλάδα στηρίζει τις διαπραγματεύσεις για "
    "εκεχειρία. Σύμφωνα με την κυβέρνηση, οι συνομιλίες θα γίνουν στην Αθήνα.",
}

#: English texts that a careless detector would skip: names, places, transliterated
#: quotes, short headlines, lists.
ENGLISH: dict[str, str] = {
    "names": "Vladimir Putin, Sergei Lavrov and Dmitry Peskov met Recep Tayyip Erdogan, "
    "Hakan Fidan and Ibrahim Kalin in Istanbul on Monday, while Volodymyr Zelenskyy and "
    "Andriy Yermak stayed in Kyiv.",
    "places": "Shelling hit Kharkiv, Zaporizhzhia, Dnipropetrovsk, Kupiansk, Pokrovsk, "
    "Kostiantynivka and Sloviansk overnight, the governor of Donetsk said.",
    "quote": '"Nous ne négocierons pas sous la menace," the French minister said in Paris, '
    "adding that France would keep its sanctions in place until Russia withdraws.",
    "transliteration": 'Hezbollah leader Naim Qassem said "la tanazul" - no concession - and '
    "vowed that the Islamic Resistance in Lebanon would keep fighting Israel.",
    "arabic-quote": 'The spokesman wrote "لا تفاوض" on social media, and the militia later '
    "said it would not negotiate with the government in Baghdad until the strikes stop and "
    "foreign troops leave the country.",
    "headline": "Kyiv rejects Moscow plan",
    "short": "Moscow warned Kyiv.",
    "list": "Participants: Russia, Ukraine, Turkey, Qatar, Saudi Arabia, United States.",
}
